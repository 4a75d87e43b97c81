namespace FaceMask.Bias;

/// <summary>One class's recall inside a group, with its interval.</summary>
/// <param name="Label">The class.</param>
/// <param name="Support">How many of the group's images truly belong to the class.</param>
/// <param name="Value">The recall (0 when the support is 0, as sklearn's zero_division=0).</param>
/// <param name="Low">Lower end of the interval (null when undefined).</param>
/// <param name="High">Upper end of the interval.</param>
public sealed record BiasClassRecall(string Label, int Support, double Value, double? Low, double? High);
