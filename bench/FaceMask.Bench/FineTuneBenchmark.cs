using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceMask.Data;
using FaceMask.Features;
using FaceMask.Models;
using FaceMask.ResNet;
using FaceMask.Runtime;
using FaceMask.Training;
using static TorchSharp.torch;

namespace FaceMask.Bench;

/// <summary>
/// Speed of the resnet18 modes, written as JSON: frozen-mode feature extraction (ONNX Runtime, image + mirror) on a few
/// shared images, and for the fine-tuned ResNet18 at each input size and thread count: training images/s (Adam, batch
/// 32) with the last stage, the last two or everything trainable; images/s of the frozen part alone (what caching its
/// output per image costs once) and of training only the trainable part on cached frozen outputs; inference images/s;
/// images/s of the training augmentation alone, per <see cref="AugmentationPolicy"/>.
/// Pixels are random: the speed does not depend on the content.
/// Usage: dotnet run -c Release --project bench/FaceMask.Bench -- --resnet-ft [--sizes 112,160,224] [--threads 1,2] [--steps 3] [--out FILE]
/// </summary>
internal static class FineTuneBenchmark
{
    private const int Batch = 32;
    private const int Classes = 5;

    public static int Run(string[] args)
    {
        int[] sizes = Ints(BenchmarkApp.Arg(args, "--sizes") ?? "112,160,224");
        int[] threadCounts = Ints(BenchmarkApp.Arg(args, "--threads") ?? "1,2");
        int steps = int.Parse(BenchmarkApp.Arg(args, "--steps") ?? "3", CultureInfo.InvariantCulture);
        string output = BenchmarkApp.Arg(args, "--out") ?? Path.Combine(BenchmarkApp.RepoRoot(), "bench", "results", "resnet-ft.json");
        var result = new JsonObject
        {
            ["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["load_average_at_start"] = LoadAverage() },
            ["batch"] = Batch,
            ["timed_steps"] = steps,
        };

        // ONNX Runtime first, before libtorch starts its threads in this process.
        if (BenchmarkApp.FindSharedImages() is { } images)
        {
            result["feature_extraction"] = ExtractionSpeed(images);
        }

        var runs = new JsonArray();
        var backbone = ResNet18Backbone.Locate();
        foreach (int threads in threadCounts)
        {
            TorchRuntime.Configure(threads, 0);
            foreach (int size in sizes)
            {
                using var network = ResNetImporter.Import(backbone, Classes, size);
                var row = new JsonObject { ["threads"] = threads, ["size"] = size };
                foreach (string tuning in ResNetTuning.Names)
                {
                    network.SetTrainedStages(ResNetTuning.TrainedStages(tuning, network.Stages));
                    using var adam = Adam(network);
                    row[$"train_{tuning}"] = Measure(steps, () => TrainStep(network, adam, x => network.forward(x), RandomBatch(size)));
                }

                network.SetTrainedStages(ResNetTuning.TrainedStages(ResNetTuning.Layer4, network.Stages));
                row["frozen_to_layer3"] = Measure(steps, () =>
                {
                    network.eval();
                    using var scope = NewDisposeScope();
                    network.FrozenPart(RandomBatch(size));
                });
                Tensor cached;
                using (no_grad())
                {
                    network.eval();
                    cached = network.FrozenPart(RandomBatch(size));
                }

                using (cached)
                using (var adam = Adam(network))
                {
                    row["cached_layer3_output_floats_per_image"] = cached.shape[1] * cached.shape[2] * cached.shape[3];
                    row["train_layer4_on_cached_layer3"] = Measure(steps * 4, () => TrainStep(network, adam, network.ForwardFromFrozen, cached));
                }

                row["infer"] = Measure(steps, () =>
                {
                    network.eval();
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    network.forward(RandomBatch(size));
                });
                // The training augmentation alone, per policy (it runs on every training batch before the network).
                using (var pixels = RandomBatch(size).to_type(ScalarType.Float32).div_(255))
                {
                    foreach (AugmentationPolicy policy in AugmentationPolicy.All)
                    {
                        using var augmenter = new BatchAugmenter(Normalization.Identity, 0, policy);
                        row[$"augment_{policy.Name}"] = Measure(steps * 4, () =>
                        {
                            using var scope = NewDisposeScope();
                            augmenter.Apply(pixels);
                        });
                    }
                }

                Console.WriteLine(row.ToJsonString());
                runs.Add(row);
            }
        }

        result["fine_tuning"] = runs;
        result["load_average_at_end"] = LoadAverage();
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        FaceMask.IO.AtomicFile.WriteAllText(output, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine($"written {output}");
        return 0;
    }

    private static optim.Optimizer Adam(ResNet18Network network) => optim.Adam(network.parameters().Where(p => p.requires_grad), lr: 1e-4);

    private static void TrainStep(ResNet18Network network, optim.Optimizer optimizer, Func<Tensor, Tensor> forward, Tensor input)
    {
        network.train();
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(forward(input), randint(Classes, [input.shape[0]]));
        loss.backward();
        optimizer.step();
    }

    // Images per second (wall) and per CPU-second of this process over `steps` timed batches after one warm-up batch.
    // On a shared machine the wall figure depends on the other jobs; with one thread, images per CPU-second is close to
    // what an idle core gives.
    private static JsonObject Measure(int steps, Action step)
    {
        step();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            step();
        }

        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double used = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new JsonObject { ["images_per_s"] = Round(steps * Batch / wall), ["images_per_cpu_s"] = Round(steps * Batch / used) };
    }

    private static Tensor RandomBatch(int size) => randint(0, 256, [Batch, 3, size, size], dtype: ScalarType.Byte);

    private static JsonObject ExtractionSpeed(string images)
    {
        // 40 shared images, linked (not copied) into a temporary folder, extracted cold with the default pool.
        string temp = Path.Combine(Path.GetTempPath(), "facemask-bench-ft-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var folder = ImageFolder.Discover(images);
            foreach (var entry in folder.Entries.GroupBy(e => e.Label).SelectMany(g => g.Take(8)))
            {
                string link = Path.Combine(temp, entry.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, Path.Combine(images, entry.RelativePath));
            }

            var clock = Stopwatch.StartNew();
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            TimeSpan cpu = process.TotalProcessorTime;
            var loaded = DatasetLoader.Load(temp, new DatasetLoadOptions { Size = ResNet18Backbone.InputSize, Resize = ResizeMode.CenterCrop, Backbone = ResNet18Backbone.Name, UseCache = false });
            process.Refresh();
            return new JsonObject
            {
                ["images"] = loaded.Count,
                ["image_and_mirror_images_per_s"] = Round(loaded.Count / clock.Elapsed.TotalSeconds),
                ["image_and_mirror_images_per_cpu_s"] = Round(loaded.Count / (process.TotalProcessorTime - cpu).TotalSeconds),
            };
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static int[] Ints(string text) => text.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
}
