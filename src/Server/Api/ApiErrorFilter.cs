using Proxus.Server.Audit;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// Maps the application services' refusals to RFC 9457 problems: an invalid request
/// (<see cref="IamValidationException"/>, <see cref="ArgumentException"/>) is 400 with the reasons,
/// an unavailable audit log 503 (the audited action did not happen).
/// </summary>
internal sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (IamValidationException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [.. e.Errors] }, e.Message, type: "urn:proxus:problem:invalid-request");
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.ParamName ?? "request"] = [e.Message] }, type: "urn:proxus:problem:invalid-request");
        }
        catch (AuditUnavailableException)
        {
            return TypedResults.Problem(
                "The audit log cannot be written, so the action was not carried out. Retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Audit log unavailable",
                type: "urn:proxus:problem:audit-unavailable");
        }
    }
}
