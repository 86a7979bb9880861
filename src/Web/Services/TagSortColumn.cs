namespace Proxus.Web.Services;

/// <summary>The orders the tag grid offers; ties are broken by path.</summary>
public enum TagSortColumn
{
    Path,
    Address,
    Connection,
    DataType,
}
