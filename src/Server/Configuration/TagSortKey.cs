namespace Proxus.Server.Configuration;

/// <summary>The orders a page of tags can come in; ties are broken by path.</summary>
public enum TagSortKey
{
    Path,
    Address,
    Connection,
    DataType,
}
