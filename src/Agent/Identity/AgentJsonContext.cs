using System.Text.Json.Serialization;
using Proxus.Agent.Runtime;

namespace Proxus.Agent.Identity;

/// <summary>Source-generated JSON for the files of the data directory and the server's agent API bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true,
    MaxDepth = 16)]
[JsonSerializable(typeof(EnrollmentRecord))]
[JsonSerializable(typeof(EnrollmentRequestBody))]
[JsonSerializable(typeof(RenewalRequestBody))]
[JsonSerializable(typeof(CertificateResponseBody))]
[JsonSerializable(typeof(ConfigReportBody))]
[JsonSerializable(typeof(LocalAgentStatus))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
