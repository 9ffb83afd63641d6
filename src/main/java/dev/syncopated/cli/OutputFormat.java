package dev.syncopated.cli;

/** Output formats of commands that print a result: text for people, json for programs. */
enum OutputFormat {
    text, json
}
