namespace Proxus.Server.Writes;

/// <summary>Maps <see cref="WriteRequestException"/> to RFC 9457 problems: 400, 403, 404 or 409 with the reason.</summary>
internal sealed class WriteErrorFilter : IEndpointFilter
{
    public const string ProblemPrefix = "urn:proxus:problem:writes:";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (WriteRequestException e)
        {
            var (status, title) = e.Kind switch
            {
                WriteErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
                WriteErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
                WriteErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
                _ => (StatusCodes.Status400BadRequest, "Invalid write request"),
            };
            return TypedResults.Problem(e.Message, statusCode: status, title: title, type: ProblemPrefix + e.Kind.ToString().ToLowerInvariant());
        }
    }
}
