using FaceMask.Cli;

return FaceMaskApp.Run(args);
