using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Broker.Persistence;
using Proxus.Server.Configuration;
using Proxus.Server.Enrollment;
using Proxus.Server.Hosting;
using Proxus.Server.Identity;

namespace Proxus.Server.Mqtt;

/// <summary>Puts the MQTT broker into the server: services, Kestrel endpoints, WebSocket route.</summary>
public static class MqttHostingExtensions
{
    /// <summary>
    /// Registers the broker, its hooks (identity from our CA, ACLs, audit), store, TLS handshake,
    /// revocation listener, the configuration notifier on the agents' config topics, and the Kestrel endpoints configured under <c>Mqtt</c> (validated at
    /// start-up). Call after <c>AddProxusTrust</c>: the hooks use its CA, database and audit log.
    /// </summary>
    public static WebApplicationBuilder AddProxusBroker(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MqttServerOptions>().BindConfiguration(MqttServerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttServerOptions>, MqttServerOptionsValidator>();
        services.AddSingleton<MqttSecurityAudit>();
        services.AddHostedService(provider => provider.GetRequiredService<MqttSecurityAudit>());
        services.TryAddSingleton<ServerMqttCredentials>();
        services.AddSingleton<EmbeddedBrokerTransport>();
        services.AddSingleton<IMqttBrokerHooks, ProxusMqttHooks>();
        services.AddSingleton<MachineClientAuthenticator>();
        services.AddSingleton<MachineClientSessionRegistry>();
        services.AddSingleton<MachineClientSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<MachineClientSessions>());
        services.AddSingleton<IMachineClientListener>(provider => provider.GetRequiredService<MachineClientSessions>());
        services.AddSingleton<MqttTlsHandshake>();
        services.AddSingleton<MqttListenerRegistry>();
        services.AddMetrics();
        services.AddSingleton<ICertificateRevocationListener, MqttRevocationListener>();
        services.AddSingleton<IConfigChangeNotifier, MqttConfigChangeNotifier>();

        // An empty Mqtt:DataDirectory keeps retained messages and sessions in memory only.
        if (builder.Configuration[$"{MqttServerOptions.SectionName}:{nameof(MqttServerOptions.DataDirectory)}"] is not "")
        {
            services.AddSingleton(provider => new MqttFileStore(
                provider.GetRequiredService<IOptions<MqttServerOptions>>().Value.DataDirectory,
                provider.GetRequiredService<ILogger<MqttFileStore>>()));
        }

        services.AddSingleton(provider => new MqttBroker(
            provider.GetRequiredService<IOptions<MqttServerOptions>>().Value.Broker,
            provider.GetRequiredService<IMqttBrokerHooks>(),
            provider.GetRequiredService<ILogger<MqttBroker>>(),
            provider.GetService<MqttFileStore>(),
            meterFactory: provider.GetRequiredService<IMeterFactory>()));
        services.AddHostedService<MqttBrokerHostedService>();

        // The MQTT endpoints are added in code, so the server adds its HTTP endpoints too (no "Overriding address(es)").
        services.AddSingleton(HttpEndpointUrls.Read(builder.Configuration));
        services.AddTransient<IStartupFilter, HostAddressesStartupFilter>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, MqttKestrelSetup>();
        return builder;
    }

    /// <summary>Serves plain MQTT on this endpoint.</summary>
    public static ListenOptions UseProxusMqtt(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.Protocols = HttpProtocols.None;
        listenOptions.UseConnectionHandler<MqttConnectionHandler>();
        listenOptions.ApplicationServices.GetRequiredService<MqttListenerRegistry>().Add(listenOptions, "mqtt");
        return listenOptions;
    }

    /// <summary>Serves MQTT over TLS 1.3 with a required client certificate from our CA on this endpoint.</summary>
    public static ListenOptions UseProxusMqttTls(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.Protocols = HttpProtocols.None;
        listenOptions.UseHttps(listenOptions.ApplicationServices.GetRequiredService<MqttTlsHandshake>().CreateCallbackOptions());
        listenOptions.UseConnectionHandler<MqttConnectionHandler>();
        listenOptions.ApplicationServices.GetRequiredService<MqttListenerRegistry>().Add(listenOptions, "mqtts");
        return listenOptions;
    }

    /// <summary>Maps MQTT over WebSocket (subprotocol "mqtt") at <see cref="MqttServerOptions.WebSocketPath"/>.</summary>
    public static WebApplication MapMqttWebSocket(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var path = app.Services.GetRequiredService<IOptions<MqttServerOptions>>().Value.WebSocketPath;
        if (path.Length > 0)
        {
            app.UseWebSockets();
            // MQTT authenticates in CONNECT through the broker's hooks, not through HTTP authentication.
            app.Map(path, MqttWebSocketEndpoint.HandleAsync).AllowAnonymous();
        }

        return app;
    }

    /// <summary>
    /// Adds the server's endpoints to Kestrel when MQTT ones are configured: the HTTP ones it was asked
    /// for (<see cref="HttpEndpointUrls"/>, from <c>urls</c>) and the MQTT ones. Without MQTT endpoints it
    /// adds nothing and Kestrel binds <c>urls</c> itself.
    /// </summary>
    private sealed class MqttKestrelSetup(IOptions<MqttServerOptions> options, HttpEndpointUrls http) : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions kestrel)
        {
            var mqtt = options.Value;
            if (mqtt.Port == 0 && !mqtt.IsTlsEnabled)
            {
                return;
            }

            http.AddTo(kestrel);
            if (mqtt.Port > 0)
            {
                kestrel.Listen(IPAddress.Loopback, mqtt.Port, l => l.UseProxusMqtt());
            }

            if (mqtt.IsTlsEnabled)
            {
                kestrel.ListenAnyIP(mqtt.TlsPort, l => l.UseProxusMqttTls());
            }
        }
    }
}
