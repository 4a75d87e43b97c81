namespace FaceMask.Reporting.Html;

/// <summary>One section of the page: its anchor id, its heading and its body HTML (already escaped).</summary>
/// <param name="Id">The section element's id, also the anchor in the table of contents.</param>
/// <param name="Title">The heading text (plain text).</param>
/// <param name="Body">The body HTML.</param>
internal sealed record HtmlSection(string Id, string Title, string Body);
