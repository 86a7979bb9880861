using Microsoft.AspNetCore.Components;
using Proxus.Web.Components.Shared;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>
/// A page that shows a site's tag grid: the grid's state (search, sort, order, page, size) comes
/// from the URL's query, so that a link or the back button returns to the same view. A page
/// inherits it with <c>@inherits TagGridPage</c>.
/// </summary>
public abstract class TagGridPage : PortalPage
{
    /// <summary>The grid's state as the URL gives it.</summary>
    protected TagGridState GridState => TagGridState.From(Search, Sort, Order, PageNumber, Size);

    [SupplyParameterFromQuery(Name = "search")]
    private string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    private string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = "order")]
    private string? Order { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    private int? PageNumber { get; set; }

    [SupplyParameterFromQuery(Name = "size")]
    private int? Size { get; set; }
}
