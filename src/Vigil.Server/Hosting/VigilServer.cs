using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenTelemetry.Metrics;
using Vigil.Server.Api;
using Vigil.Server.Auth;
using Vigil.Server.Ingest;
using Vigil.Server.Queries;
using Vigil.Server.Registry;
using Vigil.Storage;
using Vigil.Storage.Artifacts;
using Vigil.Storage.Registry;
using Vigil.Storage.Postgres;
using Vigil.Storage.Sqlite;

namespace Vigil.Server.Hosting;

/// <summary>Builds the <c>vigil serve</c> web application.</summary>
public static class VigilServer
{
    /// <summary>
    /// Creates the application from arguments, configuration (<c>appsettings.json</c>, section "Vigil") and
    /// environment variables (<c>VIGIL__STORE</c>, <c>VIGIL__CONNECTIONSTRING</c>, ...), then applies
    /// <paramref name="configure"/> (the command line's options win).
    /// </summary>
    public static WebApplication Build(string[] args, Action<ServerOptions>? configure = null, TimeProvider? time = null)
    {
        // No configuration file watcher: it watches the content root recursively, and the SQLite data directory
        // (./vigil-data by default) lives there, so every WAL write would wake it.
        var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        builder.Configuration.AddEnvironmentVariables();
        var options = LoadOptions(builder.Configuration);
        configure?.Invoke(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<IVigilStore>(_ => options.Store == "postgres"
            ? new PostgresStore(options.ConnectionString!)
            : new SqliteStore(options.DataDirectory));
        builder.Services.AddSingleton<IRegistryStore>(sp => options.Store == "postgres"
            ? new PostgresRegistryStore(options.ConnectionString!, sp.GetRequiredService<TimeProvider>())
            : new SqliteRegistryStore(options.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IArtifactStore>(_ => new FileArtifactStore(options.DataDirectory));
        builder.Services.AddSingleton<IPromotionRuleKind, FromStageRule.Factory>();
        builder.Services.AddSingleton<IPromotionRuleKind, MinTimeInStageRule.Factory>();
        builder.Services.AddSingleton<IPromotionRuleKind, ApprovalRule.Factory>();
        builder.Services.AddSingleton<IPromotionRuleKind, EvalRunRule.Factory>();
        builder.Services.AddSingleton<PromotionPolicies>();
        builder.Services.AddSingleton<RegistryService>();
        builder.Services.AddSingleton<EvaluationService>();
        builder.Services.AddHttpClient("webhooks", c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<SchemaCache>();
        builder.Services.AddSingleton<DriftPointCache>();
        builder.Services.AddSingleton<IngestWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestWriter>());
        builder.Services.AddSingleton<MaintenanceService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MaintenanceService>());
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestDecompression();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            foreach (var c in Core.Models.ModelSchemaJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(c);
            }
        });
        builder.Services.AddVigilAuth();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new OpenApiInfo { Title = "Vigil monitoring API", Version = "v1", Description = "Ingest predictions, labels and pipeline runs; query drift, performance, latency and pipeline health. Every /api route needs 'Authorization: Bearer vgl_...' with the scope it names (ingest, read, registry, admin; admin holds all)." };
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "A Vigil API key: vgl_<id>_<secret>." };
            return Task.CompletedTask;
        }));
        // The runtime's own meter (GC collections and pauses, heap, thread pool, exceptions) beside the server's.
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(IngestMetrics.MeterName, "System.Runtime").AddPrometheusExporter());
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxBodyBytes);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // stdout is for results
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestDecompression();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/healthz", async (IVigilStore store, CancellationToken ct) =>
        {
            await store.ListModelsAsync(ct);
            return TypedResults.Ok(new { status = "ok", store = store.Provider });
        }).AllowAnonymous().WithTags("Operations").ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapModelsApi();
        app.MapIngestApi();
        app.MapPipelinesApi();
        app.MapQueriesApi();
        app.MapRegistryApi();
        app.MapEvaluationApi();
        return app;
    }

    /// <summary>The settings in <paramref name="configuration"/>'s "Vigil" section (environment: <c>VIGIL__NAME</c>), over the defaults.</summary>
    public static ServerOptions LoadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ServerOptions();
        configuration.GetSection("Vigil").Bind(options);
        return options;
    }

    /// <summary>Creates or upgrades the store's tables (run before the server starts taking requests).</summary>
    public static async Task MigrateAsync(WebApplication app, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.GetRequiredService<IVigilStore>().MigrateAsync(ct).ConfigureAwait(false);
        await app.Services.GetRequiredService<IRegistryStore>().MigrateAsync(ct).ConfigureAwait(false);
    }
}
