import ParcoursCLI
await ParcoursCommand.main()
