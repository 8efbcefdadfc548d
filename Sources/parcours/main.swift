import ParcoursCLI

await ParcoursCommand.runAndExit()
