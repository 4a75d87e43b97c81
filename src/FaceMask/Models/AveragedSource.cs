using System.Text.Json.Serialization;

namespace FaceMask.Models;

/// <summary>One model an averaged model was made from (<see cref="ModelManifest.AveragedFrom"/>).</summary>
/// <param name="Model">The source model's folder, as given.</param>
/// <param name="Weight">Its share of the average (the shares add up to 1).</param>
/// <param name="Tune">How much of the network it trained (<c>layer4</c>, <c>layer3</c>, <c>all</c>).</param>
public sealed record AveragedSource(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("tune")] string? Tune);
