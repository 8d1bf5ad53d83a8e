namespace Vigil.Cli.Tests;
