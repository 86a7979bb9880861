namespace Proxus.Drivers.OpcUa;

/// <summary>Vendor diagnostics attached to a status (Part 4 section 7.12, Part 6 section 5.2.2.12).</summary>
public sealed record DiagnosticInfo(
    int? SymbolicId = null,
    int? NamespaceUri = null,
    int? Locale = null,
    int? LocalizedText = null,
    string? AdditionalInfo = null,
    StatusCode? InnerStatusCode = null,
    DiagnosticInfo? InnerDiagnosticInfo = null);
