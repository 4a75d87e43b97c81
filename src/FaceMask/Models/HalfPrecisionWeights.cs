using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceMask.Models;

/// <summary>
/// Writes and reads a network's weights as 16-bit floats, in TorchSharp's own weights-file layout (entry count, then
/// each state-dict entry's name and tensor, every tensor with its own element type), so the file differs from
/// <c>Module.save</c>'s only in the element type of the floating tensors. A tensor with a value beyond float16's range
/// (±65,504) stays float32: the fine-tuned ResNet18's stem batch-norm variance reaches 72,282 (the network takes
/// 0–255 pixels), and as infinity it silenced a channel and changed predictions. Reading copies the values into the
/// network's own tensors, widened to their type.
/// </summary>
internal static class HalfPrecisionWeights
{
    /// <summary>The largest finite float16.</summary>
    private const double HalfMax = 65504;

    /// <summary>Writes <paramref name="network"/>'s state as float16 and rounds the network in memory the same way.</summary>
    public static void Write(Module<Tensor, Tensor> network, string path)
    {
        var state = network.state_dict();
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write7BitEncodedInt64(state.Count); // LEB128, as TorchSharp writes it
        using var noGrad = no_grad();
        foreach (var (name, tensor) in state)
        {
            writer.Write(name);
            if (!tensor.is_floating_point() || Peak(tensor) > HalfMax)
            {
                tensor.Save(writer);
                continue;
            }

            using var half = tensor.to(ScalarType.Float16);
            half.Save(writer);
            tensor.copy_(half);
        }
    }

    private static float Peak(Tensor tensor)
    {
        using var magnitude = tensor.abs();
        using var peak = magnitude.max();
        return peak.item<float>();
    }

    /// <summary>Reads a file written by <see cref="Write"/> into <paramref name="network"/>'s tensors (widened to their own type).</summary>
    /// <exception cref="InvalidDataException">The file does not hold exactly the network's entries.</exception>
    public static void Read(Module<Tensor, Tensor> network, string path)
    {
        var state = network.state_dict();
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        long count = reader.Read7BitEncodedInt64();
        if (count != state.Count)
        {
            throw new InvalidDataException($"{count} entries, the network has {state.Count}");
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

            target.copy_(value);
        }
    }
}
