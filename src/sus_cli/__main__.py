from sus_cli.cli.app import main

main()
