System.Console.WriteLine(FaceMask.Runtime.TorchRuntime.LibTorchVersion); return 0;
