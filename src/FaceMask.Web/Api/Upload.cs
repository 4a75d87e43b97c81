namespace FaceMask.Web.Api;

/// <summary>An uploaded file held in memory.</summary>
/// <param name="Bytes">The content.</param>
/// <param name="Name">What to call it in messages: the sent file name (without folders) or "upload".</param>
internal sealed record Upload(ReadOnlyMemory<byte> Bytes, string Name);
