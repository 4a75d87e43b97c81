namespace FaceMask.Data;

/// <summary>Why an image file could not be used.</summary>
public enum ImageProblem
{
    /// <summary>The file has zero bytes.</summary>
    Empty,

    /// <summary>The content is not an image at all (text, HTML, an unknown binary format).</summary>
    NotAnImage,

    /// <summary>An image container that is recognised but not supported (TIFF, HEIC, AVIF, ...), or a format the decoder lacks.</summary>
    UnsupportedFormat,

    /// <summary>The image data ends early or is corrupt.</summary>
    Truncated,

    /// <summary>A side is shorter than <see cref="ImageDecoder.MinSide"/> pixels.</summary>
    TooSmall,

    /// <summary>A side exceeds <see cref="ImageDecoder.MaxSide"/> pixels or the area exceeds <see cref="ImageDecoder.MaxPixels"/>.</summary>
    TooLarge,

    /// <summary>The file could not be read or its header could not be parsed.</summary>
    Unreadable,
}
