/// The Mustache template of `report.html`. Only `{{…}}` (escaped) tags: never `{{{…}}}` or `{{&…}}`,
/// since every text comes from the input files. CSS is inline: the file must open with no
/// network. Each day starts a new printed page (`break-before: page`).
enum HTMLTemplate {
    static let text = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="generator" content="juryplan {{version}}">
    <title>{{labels.report}} — {{title}}</title>
    <style>
    @page { size: A4 landscape; margin: 10mm; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #111; margin: 0; }
    h1 { font-size: 16pt; margin: 0 0 4pt; }
    h2 { font-size: 13pt; margin: 0 0 6pt; }
    h3 { font-size: 11pt; margin: 10pt 0 4pt; }
    .meta { color: #444; margin-bottom: 8pt; }
    section.day { break-before: page; page-break-before: always; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 1px solid #999; padding: 2pt 3pt; vertical-align: top; text-align: left; }
    th { background: #eee; }
    table.figures, table.members { width: auto; }
    table.members { font-size: 8pt; }
    .columns { display: flex; gap: 18pt; align-items: flex-start; }
    td.time { white-space: nowrap; font-weight: bold; width: 3.5em; }
    .card { border-left: 3pt solid #2a7; padding-left: 3pt; margin-bottom: 3pt; break-inside: avoid; }
    .card.breach { border-left-color: #c22; background: #fdd; }
    .exam { font-weight: bold; }
    .president { font-weight: bold; }
    .ok { color: #175; }
    .ko { color: #b11; font-weight: bold; }
    ul { margin: 0; padding-left: 12pt; }
    .legend { color: #444; margin-top: 6pt; }
    </style>
    </head>
    <body>
    <section class="summary">
    <h1>{{labels.report}} — {{title}}</h1>
    <p class="meta">{{labels.source}}: {{source}} · {{#created}}{{labels.created}} {{.}} · {{/created}}juryplan {{version}}</p>
    <div class="columns">
    <div>
    <h3>{{labels.figures}}</h3>
    <table class="figures">
    {{#figures}}<tr><th>{{label}}</th><td>{{value}}</td></tr>
    {{/figures}}
    </table>
    <h3>{{labels.audit}}</h3>
    {{#clean}}<p class="ok">✓ {{labels.clean}}</p>{{/clean}}
    {{^clean}}<table class="figures">
    {{#ruleCounts}}<tr><th>{{label}}</th><td class="ko">{{value}}</td></tr>
    {{/ruleCounts}}
    </table>
    <ul>
    {{#breaches}}<li><b>{{rule}}</b> {{message}}</li>
    {{/breaches}}
    </ul>{{/clean}}
    <p>{{compliantJuries}}</p>
    </div>
    <div>
    <h3>{{labels.members}}</h3>
    <table class="members">
    <tr><th>{{labels.member}}</th><th>id</th><th>{{labels.days}}</th><th>{{labels.sittings}}</th></tr>
    {{#members}}<tr><td>{{name}}</td><td>{{id}}</td><td>{{days}}</td><td>{{sittings}}</td></tr>
    {{/members}}
    </table>
    </div>
    </div>
    <p class="legend">{{labels.legend}}</p>
    </section>
    {{#days}}
    <section class="day">
    <h2>{{title}}</h2>
    <table class="grid">
    <thead><tr><th>{{labels.time}}</th>{{#rooms}}<th>{{room}}<br><small>{{site}}</small></th>{{/rooms}}</tr></thead>
    <tbody>
    {{#times}}<tr><td class="time">{{time}}</td>{{#cells}}<td>{{#cards}}<div class="card{{^compliant}} breach{{/compliant}}">
    <div>{{time}} · <span class="exam">{{exam}}</span> {{examName}}</div>
    {{#candidates}}<div>{{name}}</div>{{/candidates}}{{#candidateCount}}<div>{{.}}</div>{{/candidateCount}}
    <div>{{#invigilation}}{{labels.invigilator}}{{/invigilation}}{{^invigilation}}{{labels.jury}}{{/invigilation}}: {{#jury}}{{#president}}<span class="president" title="{{labels.presidentMark}}">★ {{name}}</span>{{/president}}{{^president}}{{name}}{{/president}}{{^last()}}, {{/last()}}{{/jury}}</div>
    {{#share}}<div>{{.}}</div>{{/share}}
    {{#checks}}<span class="{{#ok}}ok{{/ok}}{{^ok}}ko{{/ok}}">{{#ok}}✓{{/ok}}{{^ok}}✗{{/ok}} {{label}}</span> {{/checks}}
    {{#breaches}}<div class="ko">{{labels.breaches}}: {{.}}</div>{{/breaches}}
    </div>{{/cards}}</td>{{/cells}}</tr>
    {{/times}}
    </tbody>
    </table>
    </section>
    {{/days}}
    </body>
    </html>

    """
}
