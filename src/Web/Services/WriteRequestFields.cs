namespace Proxus.Web.Services;

/// <summary>The inputs of a write request a server refusal can point at.</summary>
public static class WriteRequestFields
{
    public const string Tag = "tag";
    public const string Value = "value";
    public const string Reason = "reason";
    public const string NotBefore = "notBefore";
    public const string NotAfter = "notAfter";

    /// <summary>The request as a whole (a rule not tied to one input).</summary>
    public const string Form = "form";
}
