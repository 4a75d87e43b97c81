namespace FaceMask.Bias;

/// <summary>One attribute's group for each sample (null when unknown), in the samples' order.</summary>
/// <param name="Name">The attribute's name, e.g. <c>gender</c>.</param>
/// <param name="Groups">The group of each sample, or null when it is unknown.</param>
public sealed record GroupAssignment(string Name, IReadOnlyList<string?> Groups)
{
    /// <summary>Separator of the names of an intersection, e.g. "gender × age" and "female × child".</summary>
    public const string Cross = " × ";

    /// <summary>Crosses two attributes: a sample's group is "a × b" when both are known, else unknown.</summary>
    public static GroupAssignment Intersect(GroupAssignment first, GroupAssignment second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Groups.Count != second.Groups.Count)
        {
            throw new ArgumentException("The attributes cover different numbers of samples.", nameof(second));
        }

        var groups = new string?[first.Groups.Count];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = first.Groups[i] is { } a && second.Groups[i] is { } b ? a + Cross + b : null;
        }

        return new GroupAssignment(first.Name + Cross + second.Name, groups);
    }
}
