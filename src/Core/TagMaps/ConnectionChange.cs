using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>A connection present in both versions (same id) whose settings differ.</summary>
public sealed record ConnectionChange(Connection Before, Connection After);
