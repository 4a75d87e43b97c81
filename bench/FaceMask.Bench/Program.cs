using FaceMask.Bench;

return args.FirstOrDefault() == "detection" ? DetectionBench.Run(args[1..]) : BenchmarkApp.Run(args);
