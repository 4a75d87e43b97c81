using static TorchSharp.torch;

namespace FaceMask.Inputs;

/// <summary>Network inputs for a list of image files: one row per usable file, and why the others could not be read.</summary>
internal sealed class EncodedFiles : IDisposable
{
    /// <summary>Wraps encoded rows.</summary>
    /// <param name="inputs">One row per usable file, in file order; null when no file was usable.</param>
    /// <param name="rows">For each row, the index of its file.</param>
    /// <param name="errors">For each file, why it could not be read, or null.</param>
    public EncodedFiles(Tensor? inputs, int[] rows, string?[] errors)
    {
        Inputs = inputs;
        Rows = rows;
        Errors = errors;
    }

    /// <summary>One row per usable file; null when none was usable.</summary>
    public Tensor? Inputs { get; }

    /// <summary>For each row of <see cref="Inputs"/>, the index of its file.</summary>
    public int[] Rows { get; }

    /// <summary>For each file, why it could not be read, or null.</summary>
    public string?[] Errors { get; }

    /// <inheritdoc/>
    public void Dispose() => Inputs?.Dispose();
}
