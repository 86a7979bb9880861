using Proxus.Core.Model;

namespace Proxus.Server.Configuration;

/// <summary>One tag-map version with its content: the stored YAML text and the tag map it holds.</summary>
public sealed record TagMapVersionDetail(TagMapVersionInfo Info, string Yaml, TagMap TagMap);
