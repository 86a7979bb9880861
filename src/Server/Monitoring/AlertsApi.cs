using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Proxus.Server.Api;
using Proxus.Server.Identity;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Security alerts: list and filter (by state, severity, rule, time) and read one
/// (<see cref="IamPolicies.AuditRead"/>: Admin, Auditor, scope <c>audit.read</c>); acknowledge one
/// with a comment (<see cref="IamPolicies.Admin"/>; audited).
/// </summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("", QueryAsync).WithName("QueryAlerts").RequireAuthorization(IamPolicies.AuditRead);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetAlert").RequireAuthorization(IamPolicies.AuditRead);
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeAlert").RequireAuthorization(IamPolicies.Admin);
        return group;
    }

    private static async Task<Results<Ok<List<AlertResponse>>, ValidationProblem>> QueryAsync(
        AlertStore store,
        string? state,
        string? severity,
        string? rule,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? offset,
        int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedState = Parse<AlertState>(state, "state", errors);
        var parsedSeverity = Parse<AlertSeverity>(severity, "severity", errors);
        if (rule is not null && !AlertRules.All.Contains(rule, StringComparer.Ordinal))
        {
            errors["rule"] = [$"rule is one of {string.Join(", ", AlertRules.All)}."];
        }

        if (limit is < 1 or > AlertQuery.MaxLimit || offset < 0)
        {
            errors["limit"] = [$"limit is 1..{AlertQuery.MaxLimit}; offset is 0 or more."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = new AlertQuery { State = parsedState, Severity = parsedSeverity, Rule = rule, From = from, To = to, Offset = offset ?? 0, Limit = limit ?? 100 };
        var alerts = await store.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(alerts.Select(AlertResponse.From).ToList());
    }

    private static async Task<Results<Ok<AlertResponse>, NotFound>> GetAsync(Guid id, AlertStore store, CancellationToken cancellationToken)
        => await store.GetAsync(id, cancellationToken) is { } alert ? TypedResults.Ok(AlertResponse.From(alert)) : TypedResults.NotFound();

    private static async Task<Results<Ok<AlertResponse>, NotFound, Conflict<AlertResponse>>> AcknowledgeAsync(
        Guid id,
        AcknowledgeAlertRequest request,
        AlertStore store,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var (outcome, alert) = await store.AcknowledgeAsync(id, ApiPrincipal.Actor(user), request.Comment ?? string.Empty, cancellationToken);
        return outcome switch
        {
            AcknowledgeOutcome.Acknowledged => TypedResults.Ok(AlertResponse.From(alert!)),
            AcknowledgeOutcome.AlreadyAcknowledged => TypedResults.Conflict(AlertResponse.From(alert!)),
            _ => TypedResults.NotFound(),
        };
    }

    private static T? Parse<T>(string? value, string name, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > 0 && char.IsLetter(value[0]) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors[name] = [$"{name} is one of {string.Join(", ", Enum.GetNames<T>())}."];
        return null;
    }
}
