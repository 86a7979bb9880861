using System.Globalization;

namespace Proxus.Web.Components.Shared;

/// <summary>A count with its noun in the right number: "1 agent", "3 agents", "0 errors" (never "agent(s)").</summary>
public static class Plural
{
    public static string Of(long count, string singular, string plural)
        => count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
