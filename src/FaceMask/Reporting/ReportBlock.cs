namespace FaceMask.Reporting;

/// <summary>A piece of a loosely-typed report section (a heading, a table, key–value pairs or text), rendered to Markdown or HTML.</summary>
internal abstract record ReportBlock;
