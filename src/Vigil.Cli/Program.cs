using Vigil.Cli;

return VigilApp.Run(args);
