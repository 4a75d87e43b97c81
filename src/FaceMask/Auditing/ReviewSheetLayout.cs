namespace FaceMask.Auditing;

/// <summary>How review sheets are laid out: a grid of numbered cells, each image scaled to fit its cell.</summary>
public sealed record ReviewSheetLayout
{
    /// <summary>Cells across.</summary>
    public int Columns { get; init; } = 5;

    /// <summary>Cells down.</summary>
    public int Rows { get; init; } = 4;

    /// <summary>Side of a cell's image area in pixels (the shared images are at most 256 px).</summary>
    public int Cell { get; init; } = 256;

    /// <summary>Images per sheet.</summary>
    public int PerSheet => Columns * Rows;

    /// <summary>Checks the numbers.</summary>
    /// <exception cref="FaceMaskException">A number is out of range.</exception>
    public void Validate()
    {
        if (Columns is < 1 or > 20 || Rows is < 1 or > 20)
        {
            throw new FaceMaskException($"a review sheet needs 1–20 columns and rows (got {Columns} × {Rows})");
        }

        if (Cell is < 32 or > 1024)
        {
            throw new FaceMaskException($"a review sheet's cells must be 32–1024 px (got {Cell})");
        }
    }
}
