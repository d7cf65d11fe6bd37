from tracker.launch import main

main()
