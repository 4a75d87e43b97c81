using FaceMask.Bench;

return args.Contains("--resnet-ft") ? FineTuneBenchmark.Run(args) : BenchmarkApp.Run(args);
