using System.Text.Json.Serialization;

namespace FaceMask.Auditing;

/// <summary>The two strata a label audit samples from: the images the model agrees with their label on, and the rest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditStratum>))]
public enum AuditStratum
{
    /// <summary>The model predicted the image's label.</summary>
    [JsonStringEnumMemberName("agreement")]
    Agreement,

    /// <summary>The model predicted another class than the image's label.</summary>
    [JsonStringEnumMemberName("disagreement")]
    Disagreement,
}
