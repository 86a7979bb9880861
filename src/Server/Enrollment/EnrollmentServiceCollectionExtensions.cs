using Proxus.Server.Fleet;

namespace Proxus.Server.Enrollment;

public static class EnrollmentServiceCollectionExtensions
{
    /// <summary>Fleet administration and agent enrollment services.</summary>
    public static IHostApplicationBuilder AddProxusEnrollment(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<FleetService>();
        builder.Services.AddSingleton<EnrollmentService>();
        return builder;
    }
}
