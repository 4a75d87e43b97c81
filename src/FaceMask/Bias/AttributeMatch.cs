namespace FaceMask.Bias;

/// <summary>Group labels matched to a list of images, and what did not match.</summary>
public sealed record AttributeMatch
{
    /// <summary>The images matched against (paths relative to the dataset root), in the order given.</summary>
    public required IReadOnlyList<string> Images { get; init; }

    /// <summary>Each attribute's group of each image (null when unknown), in <see cref="Images"/> order.</summary>
    public required IReadOnlyList<GroupAssignment> Attributes { get; init; }

    /// <summary>Paths of the attribute source that match no image, sorted.</summary>
    public required IReadOnlyList<string> UnmatchedPaths { get; init; }

    /// <summary>Images that have no row in the attribute source, sorted.</summary>
    public required IReadOnlyList<string> ImagesWithoutRow { get; init; }

    /// <summary>Per attribute: matched images whose cell is empty (listed, group unknown).</summary>
    public required IReadOnlyDictionary<string, int> EmptyCells { get; init; }

    /// <summary>The assignment of attribute <paramref name="name"/>.</summary>
    /// <exception cref="FaceMaskException">There is no such attribute.</exception>
    public GroupAssignment Attribute(string name) =>
        Attributes.FirstOrDefault(a => a.Name == name)
        ?? throw new FaceMaskException($"there is no attribute '{name}'; the attributes are {string.Join(", ", Attributes.Select(a => $"'{a.Name}'"))}");
}
