namespace FaceMask.Data;

/// <summary>How an image is brought to the square network input size.</summary>
public enum ResizeMode
{
    /// <summary>
    /// Plain resize to size×size, ignoring the aspect ratio (what the original system's
    /// torchvision <c>Resize((32, 32))</c> does).
    /// </summary>
    Stretch,

    /// <summary>Resize so the shorter side equals the size, then keep the centre square.</summary>
    CenterCrop,
}
