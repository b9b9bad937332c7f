/** The command line a person runs: {@code bin/handover} and its subcommands. */
package dev.handover.runner;
