using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Vigil.Server.Hosting;
using Vigil.Storage;
using Vigil.Storage.Postgres;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary>The options that choose a store: <c>--data</c>, <c>--store</c>, <c>--connection</c>.</summary>
internal sealed class ServerCommandOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Data directory of the SQLite store (default ./vigil-data, or Vigil:DataDirectory)." };

    public Option<string?> Store { get; } = new("--store") { Description = "sqlite (default) or postgres." };

    public Option<string?> Connection { get; } = new("--connection") { Description = "PostgreSQL connection string (or the environment variable VIGIL__CONNECTIONSTRING)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Store);
        command.Options.Add(Connection);
    }

    /// <summary>Applies what the command line gave over <paramref name="options"/> (already read from configuration and environment).</summary>
    public void Apply(ParseResult parse, ServerOptions options)
    {
        if (parse.GetValue(Data) is { } data)
        {
            options.DataDirectory = data;
        }

        if (parse.GetValue(Store) is { } store)
        {
            options.Store = store;
        }

        if (parse.GetValue(Connection) is { } connection)
        {
            options.ConnectionString = connection;
        }

        if (options.Validate() is { } problem)
        {
            throw new UsageException(problem);
        }
    }

    /// <summary>Opens the store the options name (for commands that use it without a server).</summary>
    public IVigilStore Open(ParseResult parse)
    {
        var options = VigilServer.LoadOptions(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        Apply(parse, options);
        return options.Store == "postgres" ? new PostgresStore(options.ConnectionString!) : new SqliteStore(options.DataDirectory);
    }
}
