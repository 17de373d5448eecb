from dmon.cli import main

main()
