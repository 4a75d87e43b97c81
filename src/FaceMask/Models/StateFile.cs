using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Models;

/// <summary>
/// Writes and reads some or all of a network's state-dict entries in TorchSharp's own weights-file layout (entry count,
/// then each entry's name and tensor, every tensor with its own element type), optionally rounding the floating tensors
/// to 16 bits or storing large weight tensors as int8 differences from a reference state (one float32 scale per output
/// row follows each int8 tensor). With every entry and float32 the file is what <c>Module.save</c> writes. A tensor with a value beyond
/// float16's range (±65,504) stays float32: the fine-tuned ResNet18's stem batch-norm variance reaches 72,282 (the
/// network takes 0–255 pixels), and as infinity it silenced a channel and changed predictions. Reading copies the
/// values into the network's own tensors, widened to their type; the entries left out keep what the network has
/// (for a fine-tuned ResNet18, the ImageNet weights it was built with).
/// </summary>
internal static class StateFile
{
    /// <summary>The largest finite float16.</summary>
    private const double HalfMax = 65504;

    /// <summary>
    /// Writes the entries of <paramref name="network"/>'s state that <paramref name="include"/> accepts (all when null),
    /// encoded as <paramref name="dtype"/> (<see cref="ModelManifest.Float32"/>, <see cref="ModelManifest.Float16"/> or
    /// <see cref="ModelManifest.Int8Delta"/>), and sets the network in memory to exactly what reading the file gives.
    /// </summary>
    /// <param name="network">The network whose state is written.</param>
    /// <param name="path">The file.</param>
    /// <param name="dtype">How floating tensors are stored.</param>
    /// <param name="include">Which entries to write; null: all.</param>
    /// <param name="reference">
    /// For <see cref="ModelManifest.Int8Delta"/>: the state the differences are taken from (the network as built from its
    /// backbone, before training), which the reader's network must hold when it reads the file.
    /// </param>
    public static void Write(Module<Tensor, Tensor> network, string path, string dtype, Func<string, bool>? include = null, IReadOnlyDictionary<string, Tensor>? reference = null)
    {
        if (dtype == ModelManifest.Int8Delta && reference is null)
        {
            throw new ArgumentException("int8 differences need the reference state", nameof(reference));
        }

        var state = Entries(network, include);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write7BitEncodedInt64(state.Count); // LEB128, as TorchSharp writes it
        using var noGrad = no_grad();
        foreach (var (name, tensor) in state)
        {
            writer.Write(name);
            if (dtype == ModelManifest.Int8Delta && IsQuantized(tensor))
            {
                WriteDifference(writer, tensor, reference![name]);
            }
            else if (dtype == ModelManifest.Float16 && tensor.is_floating_point() && Peak(tensor) <= HalfMax)
            {
                using var rounded = tensor.to(ScalarType.Float16);
                rounded.Save(writer);
                tensor.copy_(rounded);
            }
            else
            {
                tensor.Save(writer);
            }
        }
    }

    /// <summary>
    /// Reads a file written by <see cref="Write"/> into <paramref name="network"/>'s tensors (widened to their own type;
    /// int8 differences added to what the network holds). The file must hold exactly the entries
    /// <paramref name="include"/> accepts (all when null).
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not hold exactly those entries, or a shape differs.</exception>
    public static void Read(Module<Tensor, Tensor> network, string path, Func<string, bool>? include = null)
    {
        var state = Entries(network, include);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        long count = reader.Read7BitEncodedInt64();
        if (count != state.Count)
        {
            throw new InvalidDataException($"{count} entries, the network has {state.Count} to read");
        }

        using var noGrad = no_grad();
        for (long i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (!state.TryGetValue(name, out var target))
            {
                throw new InvalidDataException($"unexpected entry '{name}'");
            }

            using var value = Tensor.Load(reader);
            if (!value.shape.SequenceEqual(target.shape))
            {
                throw new InvalidDataException($"'{name}' has shape [{string.Join(", ", value.shape)}], the network's [{string.Join(", ", target.shape)}]");
            }

            if (value.dtype == ScalarType.Int8 && target.is_floating_point())
            {
                using var scales = Tensor.Load(reader);
                using var difference = Dequantize(value, scales);
                target.add_(difference);
            }
            else
            {
                target.copy_(value);
            }
        }
    }

    // Large weight tensors (convolutions) are stored as int8 differences; vectors (batch norm) and small matrices (the
    // new classifier, whose "difference" from a random start means nothing) stay float32.
    private static bool IsQuantized(Tensor tensor) => tensor.is_floating_point() && tensor.dim() >= 2 && tensor.numel() >= MinQuantized;

    /// <summary>The fewest elements a tensor needs to be stored as int8 differences.</summary>
    private const long MinQuantized = 4096;

    // One scale per output row (first dimension): q = round(d / s), s = max |d| / 127 over the row.
    private static void WriteDifference(BinaryWriter writer, Tensor tensor, Tensor reference)
    {
        using var scope = NewDisposeScope();
        var difference = (tensor - reference.to(tensor.dtype)).reshape(tensor.shape[0], -1);
        var scales = difference.abs().amax([1], keepdim: true).div(127f);
        var safe = where(scales.gt(0), scales, ones_like(scales));
        var quantized = difference.div(safe).round().clamp(-127, 127).to(ScalarType.Int8).reshape(tensor.shape);
        var flatScales = scales.flatten();
        quantized.Save(writer);
        flatScales.Save(writer);
        tensor.copy_(reference.to(tensor.dtype) + Dequantize(quantized, flatScales));
    }

    private static Tensor Dequantize(Tensor quantized, Tensor scales)
    {
        using var scope = NewDisposeScope();
        var rows = quantized.to(ScalarType.Float32).reshape(quantized.shape[0], -1).mul(scales.reshape(-1, 1));
        return rows.reshape(quantized.shape).MoveToOuterDisposeScope();
    }

    private static Dictionary<string, Tensor> Entries(Module<Tensor, Tensor> network, Func<string, bool>? include)
    {
        var state = network.state_dict();
        return include is null ? state : state.Where(e => include(e.Key)).ToDictionary(e => e.Key, e => e.Value);
    }

    private static float Peak(Tensor tensor)
    {
        using var magnitude = tensor.abs();
        using var peak = magnitude.max();
        return peak.item<float>();
    }
}
