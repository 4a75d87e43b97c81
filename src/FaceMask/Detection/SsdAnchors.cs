namespace FaceMask.Detection;

/// <summary>
/// MediaPipe's SSD anchor generation (SsdAnchorsCalculator) for the BlazeFace models, which use fixed-size anchors:
/// for each run of consecutive layers with the same stride, one feature map of ⌈input / stride⌉ cells per side, and
/// per cell <c>anchorsPerLayer</c> anchors for each layer of the run, all centred on the cell
/// (<c>(x + offset) / cells</c>) with width and height 1. Order: rows, then columns, then anchors of the cell — the
/// order of the model's outputs.
/// </summary>
internal static class SsdAnchors
{
    /// <summary>Generates the anchors.</summary>
    /// <param name="inputSize">Model input side in pixels.</param>
    /// <param name="strides">Stride of each layer (e.g. 8, 16, 16, 16 for the 128-pixel front model).</param>
    /// <param name="anchorsPerLayer">Anchors per cell and layer: one per aspect ratio (BlazeFace: 1.0) plus the interpolated scale (so 2).</param>
    /// <param name="offset">Anchor centre offset inside its cell (0.5: the middle).</param>
    public static SsdAnchor[] Generate(int inputSize, IReadOnlyList<int> strides, int anchorsPerLayer = 2, float offset = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(strides);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(anchorsPerLayer, 1);
        var anchors = new List<SsdAnchor>();
        int layer = 0;
        while (layer < strides.Count)
        {
            int stride = strides[layer];
            ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1, nameof(strides));
            int perCell = 0;
            while (layer < strides.Count && strides[layer] == stride)
            {
                perCell += anchorsPerLayer;
                layer++;
            }

            int cells = (inputSize + stride - 1) / stride;
            for (int y = 0; y < cells; y++)
            {
                for (int x = 0; x < cells; x++)
                {
                    for (int a = 0; a < perCell; a++)
                    {
                        anchors.Add(new SsdAnchor((x + offset) / cells, (y + offset) / cells, 1f, 1f));
                    }
                }
            }
        }

        return anchors.ToArray();
    }
}
