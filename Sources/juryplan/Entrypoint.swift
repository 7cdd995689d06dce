import JuryPlanCLI

JuryPlanCommand.mainExit()
