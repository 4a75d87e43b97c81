using FaceMask.Bench;

return BenchmarkApp.Run(args);
