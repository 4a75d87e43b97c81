using System.Text.Json;
using FaceMask.Data;

namespace FaceMask.Bench;

/// <summary>Writes loaded images in the exchange format the PyTorch reference scripts read (meta.json, pixels.u8, labels.i32).</summary>
internal static class TensorExport
{
    public static void Write(LoadedDataset data, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "pixels.u8"), data.Pixels);
        var labels = new byte[data.Labels.Length * 4];
        Buffer.BlockCopy(data.Labels, 0, labels, 0, labels.Length);
        File.WriteAllBytes(Path.Combine(directory, "labels.i32"), labels);
        File.WriteAllText(Path.Combine(directory, "meta.json"), JsonSerializer.Serialize(new
        {
            classes = data.Classes,
            size = data.Size,
            count = data.Count,
            paths = data.Paths,
        }));
    }
}
