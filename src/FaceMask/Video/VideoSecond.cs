namespace FaceMask.Video;

/// <summary>One second of the timeline: the people (tracks) on screen during it, by voted class.</summary>
/// <param name="Second">Start of the second (0, 1, 2 …).</param>
/// <param name="People">Tracks shown during this second.</param>
/// <param name="Counts">Of those, how many per class (sure answers only), in the model's class order.</param>
/// <param name="Unsure">Of those, how many are unsure.</param>
public sealed record VideoSecond(int Second, int People, IReadOnlyDictionary<string, int> Counts, int Unsure);
