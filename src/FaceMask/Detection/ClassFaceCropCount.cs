namespace FaceMask.Detection;

/// <summary>One class of a <see cref="FaceCropSummary"/>.</summary>
/// <param name="Class">Class (folder) name.</param>
/// <param name="Written">Images written.</param>
/// <param name="Cropped">Of those, images replaced by a face crop (the rest had no face found and were copied whole).</param>
public sealed record ClassFaceCropCount(string Class, int Written, int Cropped)
{
    /// <summary>Images copied whole.</summary>
    public int Whole => Written - Cropped;
}
