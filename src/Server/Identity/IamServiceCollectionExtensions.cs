using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Proxus.Server.Data;
using Proxus.Server.Hosting;
using Proxus.Server.Pki;

namespace Proxus.Server.Identity;

public static class IamServiceCollectionExtensions
{
    /// <summary>The scheme every request is authenticated with: the bearer token if one is sent, else the session cookie.</summary>
    public const string DefaultScheme = "Proxus";

    /// <summary>
    /// ASP.NET Core Identity on <see cref="ProxusDbContext"/>, the session cookie, the bearer scheme
    /// for machine clients, the authorization policies (<see cref="IamPolicies"/>, everything else
    /// denied) and the IAM application services.
    /// </summary>
    public static IHostApplicationBuilder AddProxusIam(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IamOptions>().Bind(builder.Configuration.GetSection(IamOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IamOptions>, IamOptionsValidator>();

        services.AddIdentityCore<ProxusUser>()
            .AddRoles<ProxusRole>()
            .AddEntityFrameworkStores<ProxusDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ProxusUserClaimsPrincipalFactory>()
            .AddTokenProvider<AuthenticatorTokenProvider<ProxusUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddOptions<IdentityOptions>().Configure<IOptions<IamOptions>>((identity, iam) => ConfigureIdentity(identity, iam.Value));

        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Session cookie or bearer token", policy => policy.ForwardDefaultSelector = SelectScheme)
            .AddCookie(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<IamOptions>>((cookie, iam) => ConfigureCookie(cookie, iam.Value));
        IamPolicies.Add(services.AddAuthorizationBuilder());
        services.AddSingleton<IAuthorizationHandler, AccessRequirementHandler>();

        services.AddProxusDataProtection();

        services.AddScoped<UserAdministration>();
        services.AddScoped<SignInService>();
        services.AddScoped<AccountService>();
        services.AddScoped<SiteAccess>();
        services.AddSingleton<MachineClientService>();
        services.AddSingleton<MachineClientCertificateService>();
        services.AddSingleton<AccessTokenService>();
        services.AddSingleton<ClientCredentialsGrant>();
        services.AddHostedService<IdentityInitializer>();
        return builder;
    }

    /// <summary>
    /// Data Protection (it encrypts session cookies and anti-forgery tokens): the key ring lives in
    /// the data directory (owner-only) and every key in it is encrypted with the PKI's key-encryption
    /// key (<see cref="KeyRingXmlEncryptor"/>). Keys written before that are read unchanged and retire
    /// with their normal 90-day lifetime. Needs <see cref="PrivateKeyProtector"/> and the database options.
    /// </summary>
    public static IServiceCollection AddProxusDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Proxus");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DatabaseOptions>, ILoggerFactory, PrivateKeyProtector>((keys, database, loggers, protector) =>
        {
            var directory = Path.Combine(database.Value.DataDirectory, "data-protection");
            ServerInitializer.CreatePrivateDirectory(directory);
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), loggers);
            keys.XmlEncryptor = new KeyRingXmlEncryptor(protector);
        });
        return services;
    }

    private static string SelectScheme(HttpContext context)
        => context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? AccessTokenAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;

    private static void ConfigureIdentity(IdentityOptions identity, IamOptions iam)
    {
        // Length over composition (NIST SP 800-63B 5.1.1.2).
        identity.Password.RequiredLength = 12;
        identity.Password.RequiredUniqueChars = 5;
        identity.Password.RequireDigit = false;
        identity.Password.RequireLowercase = false;
        identity.Password.RequireUppercase = false;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Lockout.AllowedForNewUsers = true;
        identity.Lockout.MaxFailedAccessAttempts = iam.MaxFailedSignIns;
        identity.Lockout.DefaultLockoutTimeSpan = iam.LockoutDuration;
        identity.User.RequireUniqueEmail = false;
        identity.SignIn.RequireConfirmedAccount = false;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, IamOptions iam)
    {
        cookie.Cookie.Name = "__Host-Proxus";
        cookie.Cookie.Path = "/";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.ExpireTimeSpan = iam.SessionLifetime;
        cookie.SlidingExpiration = true;
        cookie.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
        cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
        cookie.Events.OnRedirectToLogout = context => Status(context, StatusCodes.Status200OK);
        cookie.Events.OnRedirectToReturnUrl = context => Status(context, StatusCodes.Status200OK);
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
