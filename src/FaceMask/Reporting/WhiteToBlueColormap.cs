using ScottPlot;

namespace FaceMask.Reporting;

/// <summary>A heatmap colour scale from white (0) to dark blue (1), so large counts stand out.</summary>
internal sealed class WhiteToBlueColormap : IColormap
{
    public string Name => "white-to-blue";

    public Color GetColor(double normalizedIntensity)
    {
        double t = double.IsFinite(normalizedIntensity) ? Math.Clamp(normalizedIntensity, 0, 1) : 0;
        static byte Lerp(double from, double to, double t) => (byte)Math.Round(from + ((to - from) * t));
        return new Color(Lerp(255, 8, t), Lerp(255, 48, t), Lerp(255, 107, t));
    }
}
